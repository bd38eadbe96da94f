"""Demo content for Sohoa: plain data (``data``), generated media (``images``, ``pdf``) and the
idempotent builder that turns them into a Wagtail page tree (``builder``)."""
