namespace Rtvi.FaultTest;

/// <summary>A scenario could not reach the state it measures (no bot-ready, connect refused); it fails with this message.</summary>
internal sealed class ScenarioException(string message) : Exception(message);
