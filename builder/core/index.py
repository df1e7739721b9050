"""Reverse lookups over the project, built once per build (never rescanned per call).

Each section is built by one method called from `__init__`; templates and renderers
ask the index instead of walking the whole project.
"""

from __future__ import annotations

from builder.core.model import Account, Event, Project


class ProjectIndex:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._index_events()

    # --- events and their accounts ----------------------------------------------------

    def _index_events(self) -> None:
        self._event: dict[str, Event] = {e.id: e for e in self.project.events}
        self._events_of_actor: dict[str, list[Event]] = {}
        self._accounts_by_text: dict[str, list[tuple[Event, Account]]] = {}
        for event in self.project.events:  # in time order: every list below is too
            for actor_id in event.actor_ids:
                self._events_of_actor.setdefault(actor_id, []).append(event)
            for account in event.accounts:
                self._accounts_by_text.setdefault(account.text_slug, []).append((event, account))

    def event(self, event_id: str) -> Event | None:
        return self._event.get(event_id)

    def events_of(self, actor_id: str) -> list[Event]:
        """The events an actor takes part in, in time order."""
        return self._events_of_actor.get(actor_id, [])

    def accounts_in(self, text_slug: str) -> list[tuple[Event, Account]]:
        """Each event a text gives an account of, with that account, in time order."""
        return self._accounts_by_text.get(text_slug, [])

    def events_in(self, text_slug: str) -> list[Event]:
        return [event for event, _ in self.accounts_in(text_slug)]

    def accounts_of(self, event_id: str) -> tuple[Account, ...]:
        event = self._event.get(event_id)
        return event.accounts if event is not None else ()
