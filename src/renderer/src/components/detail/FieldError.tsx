/** The service's message under a field whose value it refused (or would refuse). */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert" data-testid={id}>
      {capitalise(message)}
    </p>
  );
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
