/**
 * On-call reads, one module per read model: loading rotations (rotations),
 * who is on call now, the escalation preview, the rotation board of the
 * on-call page and the engineer picker. Import from here.
 */
import "server-only";

export * from "@/lib/oncall/queries/rotations";
export * from "@/lib/oncall/queries/on-call-now";
export * from "@/lib/oncall/queries/preview";
export * from "@/lib/oncall/queries/board";
export * from "@/lib/oncall/queries/engineers";
