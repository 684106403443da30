"""API of the visits app: visits, members, engagements, commitments, events, invitations, gifts."""
