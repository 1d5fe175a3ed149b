"""Offline lookup tables behind core.geocode: postal codes, FSAs and place names."""
