"""Reading what source systems deliver: file-format readers and one adapter per source system."""
