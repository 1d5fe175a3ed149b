"""The HSDS 3.0 API (`/api/hsds/`): thin DRF views over directory.hsds mapping functions."""
