"""Better Together: rights information, services and program tools for migrant workers."""
