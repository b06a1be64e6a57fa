"""A content type that exists only in the tests ("notices"), installed by tests/settings.py.

It is declared and registered like news or the media center's types, and touches nothing in
clusterportal/: the contract suite (tests/test_contract.py), the stream, the search and the
sitemap pick it up from its registry entry alone. It is the proof of docs/content-types.md.
"""
