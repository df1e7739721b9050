/*
 * Web workers for pages opened from disk (the offline build, mkdocs.offline.yml).
 *
 * A page at a file:// address may not start a Worker, and the theme's search runs in one.
 * On such a page this replaces `Worker` with a stand-in that runs the worker's script in a
 * hidden, same-origin frame: the script's postMessage reaches the page's listeners and the
 * page's postMessage reaches the script's, each as a copy (structuredClone), one turn
 * later, like a real worker's. `importScripts` loads scripts into the frame and returns a
 * promise (the theme's search worker awaits it, for languages other than English).
 * On an http(s) page it does nothing.
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") {
    return;
  }

  function later(callback) {
    window.setTimeout(callback, 0);
  }

  function loadScript(frameDocument, url) {
    return new Promise(function (resolve, reject) {
      var script = frameDocument.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error("cannot load worker script " + url));
      };
      frameDocument.head.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var address = new URL(String(url), document.baseURI).href;
      var self = this;
      this.onmessage = null;
      this.onerror = null;
      this.queued = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.title = "search worker";
      (document.body || document.documentElement).appendChild(this.frame);
      var scope = this.frame.contentWindow;
      scope.postMessage = function (data) {
        var copy = structuredClone(data);
        later(function () {
          self.deliver(copy);
        });
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (loaded, next) {
          return loaded.then(function () {
            return loadScript(scope.document, new URL(next, address).href);
          });
        }, Promise.resolve());
      };
      loadScript(scope.document, address).then(
        function () {
          var waiting = self.queued;
          self.queued = null;
          waiting.forEach(function (data) {
            self.toScript(data);
          });
        },
        function (error) {
          var event = new ErrorEvent("error", { message: error.message });
          self.dispatchEvent(event);
          if (typeof self.onerror === "function") {
            self.onerror(event);
          }
        }
      );
    }

    deliver(data) {
      var event = new MessageEvent("message", { data: data });
      this.dispatchEvent(event);
      if (typeof this.onmessage === "function") {
        this.onmessage(event);
      }
    }

    toScript(data) {
      var scope = this.frame.contentWindow;
      if (scope) {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
      }
    }

    postMessage(data) {
      var copy = structuredClone(data);
      var self = this;
      if (this.queued) {
        this.queued.push(copy);
        return;
      }
      later(function () {
        self.toScript(copy);
      });
    }

    terminate() {
      this.frame.remove();
      this.queued = [];
    }
  }

  window.Worker = FrameWorker;
})();
