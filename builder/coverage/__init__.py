"""Editorial coverage of the texts by the annotations (`stats`, the coverage rules, waivers). Reads the assembled model; imports only builder/core."""
