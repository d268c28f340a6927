using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rtvi.Extensions.AI;

/// <summary>Adds <see cref="RtviConversation"/> to an RTVI server.</summary>
public static class RtviConversationBuilderExtensions
{
    /// <summary>
    /// Gives every session an <see cref="RtviConversation"/> (scoped: inject it into handlers) that answers
    /// <c>send-text</c> and <c>append-to-context</c> with the chat client and sends the turn's events, and registers the
    /// 0.3 <c>llm</c> service actions (see <see cref="RtviConversationOptions.RegisterLlmActions"/>). The hooks it
    /// needs (<see cref="RtviHooks.OnSessionStarted"/>, <see cref="RtviHooks.OnSendText"/>,
    /// <see cref="RtviHooks.OnAppendToContext"/>, <see cref="RtviHooks.OnInterrupted"/>) run after any the app set.
    /// </summary>
    /// <param name="builder">The RTVI builder from <c>AddRtvi()</c>.</param>
    /// <param name="configure">Sets the defaults of every session's conversation.</param>
    /// <exception cref="InvalidOperationException">A conversation was added already (its hooks would answer every turn twice).</exception>
    public static IRtviBuilder AddConversation(this IRtviBuilder builder, Action<RtviConversationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(static d => d.ServiceType == typeof(RtviConversationOptions)))
        {
            throw new InvalidOperationException("AddConversation() was already called for this RTVI server.");
        }
        var options = new RtviConversationOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        if (options.RegisterLlmActions)
        {
            var service = options.LlmActionService;
            builder.ConfigureRegistry(registry => ConversationActions.Register(registry, service));
        }
        builder.Services.AddScoped(static services =>
        {
            var options = services.GetRequiredService<RtviConversationOptions>();
            return new RtviConversation(options.ChatClient ?? services.GetRequiredService<IChatClient>(), options, services.GetService<ILoggerFactory>());
        });
        return builder.Configure(static server =>
        {
            var hooks = server.Hooks;
            var started = hooks.OnSessionStarted;
            hooks.OnSessionStarted = async (session, cancellationToken) =>
            {
                if (started is not null)
                {
                    await started(session, cancellationToken).ConfigureAwait(false);
                }
                Of(session).Attach(session);
            };
            var sendText = hooks.OnSendText;
            hooks.OnSendText = async (session, request, cancellationToken) =>
            {
                if (sendText is not null)
                {
                    await sendText(session, request, cancellationToken).ConfigureAwait(false);
                }
                await Of(session).SendTextAsync(request, cancellationToken).ConfigureAwait(false);
            };
            var append = hooks.OnAppendToContext;
            hooks.OnAppendToContext = async (session, request, cancellationToken) =>
            {
                if (append is not null)
                {
                    await append(session, request, cancellationToken).ConfigureAwait(false);
                }
                await Of(session).AppendToContextAsync(request, cancellationToken).ConfigureAwait(false);
            };
            var interrupted = hooks.OnInterrupted;
            hooks.OnInterrupted = async (session, cancellationToken) =>
            {
                if (interrupted is not null)
                {
                    await interrupted(session, cancellationToken).ConfigureAwait(false);
                }
                await Of(session).OnInterruptedAsync().ConfigureAwait(false);
            };
        });
    }

    private static RtviConversation Of(RtviSession session) => session.Services.GetRequiredService<RtviConversation>();
}
