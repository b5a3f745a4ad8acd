class NiederschriftError(Exception):
    """Input that cannot be imported. The message is German and shown to the user as it is."""
