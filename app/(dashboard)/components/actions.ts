"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createComponent } from "@/lib/components/create-component";
import { updateComponent } from "@/lib/components/update-component";

/** Form strings → the JSON shape the API takes (same schema either way). */
function componentInput(form: FormData) {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const position = text("position")?.trim();
  return {
    name: text("name") ?? "",
    group: text("group") ?? "",
    description: text("description") ?? "",
    ownerRole: text("ownerRole") ?? "",
    public: form.get("public") === "on",
    position: position ? Number(position) : undefined,
  };
}

export const createComponentAction = defineAction(createComponent, {
  toInput: componentInput,
  onSuccess: () => revalidatePath("/components"),
  message: "Component added.",
});

export const updateComponentAction = defineAction(
  ({ actor, input }) => {
    const { id, ...rest } = input as ReturnType<typeof componentInput> & { id: string };
    return updateComponent({ actor, id, input: rest });
  },
  {
    toInput: (form) => ({ ...componentInput(form), id: String(form.get("id") ?? "") }),
    onSuccess: () => revalidatePath("/components"),
    message: "Saved.",
  },
);
