using Rtvi.Quickstart.Conversation;

namespace Rtvi.Quickstart.Bot;

/// <summary>Answers the typed <c>feedback</c> client-message.</summary>
public sealed class FeedbackHandler(ConversationState state)
{
    /// <summary>Records a rating (1-5) and answers with the running average; thanks the user with a server-message.</summary>
    [RtviClientMessage("feedback")]
    public async Task<FeedbackReceipt> ReceiveAsync(Feedback feedback, RtviSession session, CancellationToken cancellationToken)
    {
        var receipt = state.AddRating(Math.Clamp(feedback.Rating, 1, 5));
        await session.Events.ServerMessageAsync(
            new ServerNotice("feedback-received", $"Thanks for rating {feedback.Rating}/5."), RtviGeneratedJson.Default.ServerNotice, cancellationToken);
        return receipt;
    }
}
