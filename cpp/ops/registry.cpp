#include "ops/registry.h"

namespace ef::ops {

const char* OpCall::name() const { return op.name.c_str(); }

int OpDef::attr_index(const std::string& attr_name) const {
  for (size_t k = 0; k < attrs.size(); ++k)
    if (attrs[k].name == attr_name) return static_cast<int>(k);
  return -1;
}

Registry& Registry::get() {
  static Registry registry;
  return registry;
}

OpDef& Registry::def(const std::string& name) {
  if (by_name_.count(name)) throw std::logic_error("op registered twice: " + name);
  ops_.push_back(std::make_unique<OpDef>());
  OpDef* op = ops_.back().get();
  op->name = name;
  op->exported_as = {name};
  by_name_[name] = op;
  return *op;
}

const OpDef* Registry::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

const OpDef& Registry::at(const std::string& name) const {
  const OpDef* op = find(name);
  if (!op) throw InvalidArgument("unknown op '" + name + "'");
  return *op;
}

}  // namespace ef::ops
