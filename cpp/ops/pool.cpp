// Placeholder: filled by the pool family.
#include "ops/registry.h"
