"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createComponent } from "@/lib/components/create-component";
import { componentInput } from "@/lib/components/form-input";
import { updateComponent } from "@/lib/components/update-component";

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
