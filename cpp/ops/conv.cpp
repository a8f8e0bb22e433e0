// Placeholder: filled by the conv family.
#include "ops/registry.h"
