/** What an empty chat shows where the messages will be. */
export function EmptyChat() {
  return (
    <div className="mx-auto mt-[15vh] max-w-md px-4 text-center text-fg-muted">
      <p className="text-lg font-medium text-fg">Ask anything.</p>
      <p className="mt-2 text-sm">
        Enter sends, Shift+Enter adds a line, Escape stops an answer. Try “What’s the weather in Paris?”
      </p>
    </div>
  );
}
