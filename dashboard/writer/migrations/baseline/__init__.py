"""The schema as the first release with migrations found it, one module per domain (revision 0001). Frozen:
a later change to the schema is a new revision, never an edit here."""
