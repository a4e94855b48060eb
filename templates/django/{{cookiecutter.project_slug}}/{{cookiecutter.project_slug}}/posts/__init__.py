"""The posts app: Post, its admin, and the pages that list and show posts."""
