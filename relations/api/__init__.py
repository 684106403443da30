"""API of the relations app: partners, agreements, organizations, officials, contacts, topics."""
