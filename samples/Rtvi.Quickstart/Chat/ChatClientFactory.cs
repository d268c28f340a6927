using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;

namespace Rtvi.Quickstart.Chat;

/// <summary>
/// Chooses the bot's model: an OpenAI-compatible endpoint when <c>Rtvi:OpenAI:Endpoint</c> is configured (OpenAI,
/// Ollama, vLLM, llama.cpp …), else the embedded offline <see cref="EmbeddedChatClient"/>.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>The configuration section of the OpenAI-compatible endpoint.</summary>
    public const string Section = "Rtvi:OpenAI";

    /// <summary>The model name to report and to ask for.</summary>
    public static string ModelName(IConfiguration configuration) =>
        UsesOpenAI(configuration) ? configuration[$"{Section}:Model"]! : EmbeddedChatClient.ModelName;

    /// <summary>Whether an OpenAI-compatible endpoint is configured.</summary>
    public static bool UsesOpenAI(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Endpoint"]);

    /// <summary>Creates the chat client (without function invocation).</summary>
    /// <exception cref="InvalidOperationException">
    /// An endpoint is configured without a model, or is not an absolute URI, or this build was published without the OpenAI client.
    /// </exception>
    public static IChatClient Create(IConfiguration configuration)
    {
        if (!UsesOpenAI(configuration))
        {
            var delay = int.TryParse(configuration["Rtvi:Embedded:TokenDelayMs"], out var ms) && ms >= 0 ? ms : 25;
            return new EmbeddedChatClient(TimeSpan.FromMilliseconds(delay));
        }
        if (!QuickstartFeatures.HasOpenAI)
        {
            throw QuickstartFeatures.Missing($"{Section}:Endpoint", "the OpenAI client", "QuickstartOpenAI");
        }
        return CreateOpenAI(configuration);
    }

    private static IChatClient CreateOpenAI(IConfiguration configuration)
    {
        var endpoint = configuration[$"{Section}:Endpoint"]!;
        var model = configuration[$"{Section}:Model"];
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidOperationException($"{Section}:Endpoint is set, so {Section}:Model must name the model.");
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{Section}:Endpoint must be an absolute URI such as http://localhost:11434/v1.");
        }
        var apiKey = configuration[$"{Section}:ApiKey"];
        // Local servers ignore the key, but the OpenAI client insists on one.
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey), new OpenAIClientOptions { Endpoint = uri });
        return client.GetChatClient(model).AsIChatClient();
    }
}
