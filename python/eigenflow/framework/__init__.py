"""The tensor surface written in Python: shapes, indexing, printing, Variables, the tape."""
