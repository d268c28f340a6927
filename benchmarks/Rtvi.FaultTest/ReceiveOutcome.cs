namespace Rtvi.FaultTest;

/// <summary>What one read returned: a whole message, the server's close frame, or a failed socket.</summary>
internal enum ReceiveOutcome
{
    Message,
    Close,
    Failed,
}
