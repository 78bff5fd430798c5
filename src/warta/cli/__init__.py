"""The ``warta`` command: a thin shell over the library."""
