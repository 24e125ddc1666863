import { Button } from "@mantine/core";
import { Form } from "@remix-run/react";

/** A one-button form that posts only its intent (vote, follow, unhide…). */
export function IntentButton({
  intent,
  label,
  variant = "light",
  color,
  testId,
}: {
  intent: string;
  label: string;
  variant?: string;
  color?: string;
  testId?: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" variant={variant} color={color} size="xs" data-testid={testId}>
        {label}
      </Button>
    </Form>
  );
}
