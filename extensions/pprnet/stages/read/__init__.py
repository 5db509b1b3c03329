"""Reading: the data files once per build, then each document (checks, records, safe links)."""
