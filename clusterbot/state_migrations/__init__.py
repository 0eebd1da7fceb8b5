"""Numbered state-store migrations, one folder per backend (sqlite/, postgresql/), same version numbers."""
