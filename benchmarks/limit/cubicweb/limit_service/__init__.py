"""CubicWeb's raw-driver limit: the service's /health and reads on Pyramid, the web layer
CubicWeb's application runs on, straight from the items' table (cw_item, where CubicWeb keeps
the Item entities) through sqlite3 or the database driver alone: no repository, no RQL."""
