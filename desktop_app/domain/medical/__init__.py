"""The medical section of a dossier, one module per topic (DESIGN.md §4):

- ``kinds``: the kinds of entry, their form fields, and which permission recording each needs;
- ``bodies``: the typed body of each kind and its stored JSON;
- ``fml``: the functional capacities list (FML), its six rubrics and the overview of a scored list;
- ``entries``: one stored version of an entry, as read back;
- ``entry_forms``: an entry form parsed into a body, and an entry turned back into its form;
- ``exposures``, ``statements``, ``working_notes``, ``attachments``: the other records of the
  section, each with its form, its typed record and its checks;
- ``free_text``: how long a free-text field may be, and when an optional field counts as empty.

Forms carry strings exactly as typed; ``parse_*`` turns them into typed, frozen records or raises
ValidationErrors naming every wrong field with a Dutch message. Free text is kept exactly: never
trimmed, re-cased or otherwise changed.
"""
