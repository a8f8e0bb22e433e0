// Placeholder: filled by the pool family.
