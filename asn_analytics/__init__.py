"""ASN Analytics: civil-service workforce and public-service indicators for regional governments."""

__version__ = "0.1.0"
