"""File formats the fictional vendors write: cell rendering and file layouts."""
