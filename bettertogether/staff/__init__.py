"""The staff workspace: the role-aware staff home, the staff frame, and onboarding without the admin."""
