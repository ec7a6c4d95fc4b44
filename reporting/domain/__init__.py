"""Domain rules as plain functions: no Flask imports here, so each rule can be tested alone."""
