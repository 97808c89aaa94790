/** Placeholder window until the library UI lands: says what the app is and where the API is. */
export function App() {
  return (
    <main className="placeholder">
      <h1>SessionDock</h1>
      <p>Your DAW projects, in one calm library. The library window is on its way.</p>
    </main>
  );
}
