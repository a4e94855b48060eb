"""The project's craft commands (`python craft make:command` writes them here)."""
