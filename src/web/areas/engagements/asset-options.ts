import type { AssetKind, Classification } from "../../api/lifecycle-types.ts";

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  crown_jewel: "Crown jewel",
  confidential: "Confidential",
  internal: "Internal",
  public: "Public",
};

export const CLASSIFICATION_OPTIONS = [
  { value: "", label: "Not classified" },
  ...(Object.keys(CLASSIFICATION_LABELS) as Classification[]).map((c) => ({
    value: c,
    label: CLASSIFICATION_LABELS[c],
  })),
];

export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  repository: "Repository",
  dataset: "Data set",
  document: "Document",
  system: "System",
  other: "Other",
};

export const ASSET_KIND_OPTIONS = (Object.keys(ASSET_KIND_LABELS) as AssetKind[]).map((k) => ({
  value: k,
  label: ASSET_KIND_LABELS[k],
}));
