"""The monthly newsletter: the `newsletter` builder writes one month's issue as an e-mail (HTML,
plain text, and the MIME message of both) from the archive the build has read."""
