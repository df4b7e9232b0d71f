"""Personal-data redaction: everything that leaves the store passes through here."""
