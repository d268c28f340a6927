using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rtvi.Extensions.AI;
using Rtvi.Quickstart.Chat;
using Rtvi.Quickstart.Conversation;
using Rtvi.Quickstart.Site;
using Rtvi.Quickstart.Telemetry;

namespace Rtvi.Quickstart;

/// <summary>The quickstart bot: the page at <c>/</c>, the RTVI WebSocket at <c>/ws</c>, a chat model behind <c>send-text</c>.</summary>
public static class QuickstartApp
{
    /// <summary>The RTVI WebSocket path.</summary>
    public const string WebSocketPath = "/ws";

    /// <summary>The health check endpoint for liveness and readiness probes (see docs/deployment.md).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Builds the app from command-line arguments (<c>--urls</c> and any configuration key work as usual).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var configuration = builder.Configuration;
        var model = ChatClientFactory.ModelName(configuration);

        builder.Services.AddHealthChecks();
        builder.Services.AddQuickstartTelemetry(configuration);
        builder.Services.AddScoped<ConversationState>();
        builder.Services.AddChatClient(_ => ChatClientFactory.Create(configuration))
            .UseFunctionInvocation(configure: invoker => invoker.MaximumIterationsPerRequest = 4);
        builder.Services.AddRtvi(options =>
            {
                options.About = new RtviAbout("rtvi-dotnet-quickstart", typeof(QuickstartApp).Assembly.GetName().Version?.ToString(3));
                options.InitialConfig =
                [
                    new("llm",
                    [
                        RtviOptionValue.Of("model", model),
                        RtviOptionValue.Of("temperature", 0.7),
                        RtviOptionValue.Of("system_prompt", "You are a friendly assistant in a web page. Answer in one to three short sentences. " +
                            "Use get_client_time for the user's time, set_theme to switch the page between light and dark and roll_dice to roll a die."),
                    ]),
                    new("tts", [RtviOptionValue.Of("voice", "aurora")]),
                ];
            })
            .AddConversation(conversation =>
            {
                conversation.Tools.Add(new RollDiceFunction());
                conversation.SessionTools = ClientFunctions.For;
            })
            .BindConfiguration(configuration)
            .AddGeneratedHandlers();

        var app = builder.Build();
        app.MapRtvi(WebSocketPath);
        app.MapHealthChecks(HealthPath);
        foreach (var path in WebPage.Paths)
        {
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)WebPage.ServeAsync);
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"Rtvi quickstart bot ({model}): open {url} (RTVI WebSocket at {url.Replace("http", "ws", StringComparison.Ordinal)}{WebSocketPath})");
            }
        });
        return app;
    }
}
