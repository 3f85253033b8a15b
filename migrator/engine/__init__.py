"""The conversion engine: discover -> prefilter -> parse -> rules -> result -> diff/write."""
