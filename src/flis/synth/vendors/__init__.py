"""The fictional vendors of each domain and how their files look (see ``synth.vendor``)."""
