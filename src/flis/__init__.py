"""flis: an open-source municipal management-information system.

The package follows the flow of data: synthetic source systems (``synth``) and real
ones deliver files, ``sources`` reads them, ``ingest`` registers and validates them,
``warehouse`` holds the shared definitions, and key figures are computed on top.
"""

__version__ = "0.1.0"
