// Placeholder: filled by the random family.
#include "ops/registry.h"
