namespace Rtvi.Protocol;

/// <summary>Every RTVI wire string in one place: the label, message types and protocol versions.</summary>
public static class RtviMessageTypes
{
    /// <summary>The envelope label every RTVI message carries.</summary>
    public const string Label = "rtvi-ai";

    // client → server
    /// <summary><c>client-ready</c></summary>
    public const string ClientReady = "client-ready";
    /// <summary><c>describe-config</c> (0.3.0)</summary>
    public const string DescribeConfig = "describe-config";
    /// <summary><c>describe-actions</c> (0.3.0)</summary>
    public const string DescribeActions = "describe-actions";
    /// <summary><c>get-config</c> (0.3.0)</summary>
    public const string GetConfig = "get-config";
    /// <summary><c>update-config</c> (0.3.0)</summary>
    public const string UpdateConfig = "update-config";
    /// <summary><c>action</c> (0.3.0)</summary>
    public const string Action = "action";
    /// <summary><c>disconnect-bot</c></summary>
    public const string DisconnectBot = "disconnect-bot";
    /// <summary><c>llm-function-call-result</c></summary>
    public const string LlmFunctionCallResult = "llm-function-call-result";
    /// <summary><c>raw-audio</c></summary>
    public const string RawAudio = "raw-audio";
    /// <summary><c>raw-audio-batch</c></summary>
    public const string RawAudioBatch = "raw-audio-batch";
    /// <summary><c>client-message</c> (1.x/2.x)</summary>
    public const string ClientMessage = "client-message";
    /// <summary><c>send-text</c> (1.x/2.x)</summary>
    public const string SendText = "send-text";
    /// <summary><c>append-to-context</c> (1.x legacy)</summary>
    public const string AppendToContext = "append-to-context";
    /// <summary><c>dtmf</c> (2.x)</summary>
    public const string Dtmf = "dtmf";
    /// <summary><c>ui-event</c></summary>
    public const string UiEvent = "ui-event";
    /// <summary><c>ui-snapshot</c></summary>
    public const string UiSnapshot = "ui-snapshot";
    /// <summary><c>ui-cancel-job-group</c></summary>
    public const string UiCancelJobGroup = "ui-cancel-job-group";

    // server → client
    /// <summary><c>bot-ready</c></summary>
    public const string BotReady = "bot-ready";
    /// <summary><c>error</c></summary>
    public const string Error = "error";
    /// <summary><c>error-response</c></summary>
    public const string ErrorResponse = "error-response";
    /// <summary><c>config-available</c></summary>
    public const string ConfigAvailable = "config-available";
    /// <summary><c>actions-available</c></summary>
    public const string ActionsAvailable = "actions-available";
    /// <summary><c>config</c></summary>
    public const string Config = "config";
    /// <summary><c>action-response</c></summary>
    public const string ActionResponse = "action-response";
    /// <summary><c>server-response</c></summary>
    public const string ServerResponse = "server-response";
    /// <summary><c>server-message</c></summary>
    public const string ServerMessage = "server-message";
    /// <summary><c>llm-function-call</c> (0.3/1.x)</summary>
    public const string LlmFunctionCall = "llm-function-call";
    /// <summary><c>llm-function-call-started</c></summary>
    public const string LlmFunctionCallStarted = "llm-function-call-started";
    /// <summary><c>llm-function-call-in-progress</c></summary>
    public const string LlmFunctionCallInProgress = "llm-function-call-in-progress";
    /// <summary><c>llm-function-call-stopped</c></summary>
    public const string LlmFunctionCallStopped = "llm-function-call-stopped";
    /// <summary><c>bot-llm-started</c></summary>
    public const string BotLlmStarted = "bot-llm-started";
    /// <summary><c>bot-llm-text</c></summary>
    public const string BotLlmText = "bot-llm-text";
    /// <summary><c>bot-llm-stopped</c></summary>
    public const string BotLlmStopped = "bot-llm-stopped";
    /// <summary><c>bot-tts-started</c></summary>
    public const string BotTtsStarted = "bot-tts-started";
    /// <summary><c>bot-tts-text</c></summary>
    public const string BotTtsText = "bot-tts-text";
    /// <summary><c>bot-tts-stopped</c></summary>
    public const string BotTtsStopped = "bot-tts-stopped";
    /// <summary><c>bot-transcription</c></summary>
    public const string BotTranscription = "bot-transcription";
    /// <summary><c>bot-output</c> (1.1+)</summary>
    public const string BotOutput = "bot-output";
    /// <summary><c>user-transcription</c></summary>
    public const string UserTranscription = "user-transcription";
    /// <summary><c>user-llm-text</c></summary>
    public const string UserLlmText = "user-llm-text";
    /// <summary><c>user-started-speaking</c></summary>
    public const string UserStartedSpeaking = "user-started-speaking";
    /// <summary><c>user-stopped-speaking</c></summary>
    public const string UserStoppedSpeaking = "user-stopped-speaking";
    /// <summary><c>bot-started-speaking</c></summary>
    public const string BotStartedSpeaking = "bot-started-speaking";
    /// <summary><c>bot-stopped-speaking</c></summary>
    public const string BotStoppedSpeaking = "bot-stopped-speaking";
    /// <summary><c>bot-interrupted</c> (2.x)</summary>
    public const string BotInterrupted = "bot-interrupted";
    /// <summary><c>user-mute-started</c> (1.2+)</summary>
    public const string UserMuteStarted = "user-mute-started";
    /// <summary><c>user-mute-stopped</c> (1.2+)</summary>
    public const string UserMuteStopped = "user-mute-stopped";
    /// <summary><c>metrics</c></summary>
    public const string Metrics = "metrics";
    /// <summary><c>ui-command</c> (1.3+)</summary>
    public const string UiCommand = "ui-command";
    /// <summary><c>ui-job-group</c> (1.4+)</summary>
    public const string UiJobGroup = "ui-job-group";

    /// <summary>Whether <paramref name="type"/> is a message type of the protocol (either direction), which apps may not send as their own.</summary>
    internal static bool IsProtocolType(string type) => type switch
    {
        ClientReady or DescribeConfig or DescribeActions or GetConfig or UpdateConfig or Action or DisconnectBot or LlmFunctionCallResult
            or RawAudio or RawAudioBatch or ClientMessage or SendText or AppendToContext or Dtmf or UiEvent or UiSnapshot or UiCancelJobGroup
            or BotReady or Error or ErrorResponse or ConfigAvailable or ActionsAvailable or Config or ActionResponse or ServerResponse
            or ServerMessage or LlmFunctionCall or LlmFunctionCallStarted or LlmFunctionCallInProgress or LlmFunctionCallStopped
            or BotLlmStarted or BotLlmText or BotLlmStopped or BotTtsStarted or BotTtsText or BotTtsStopped or BotTranscription
            or BotOutput or UserTranscription or UserLlmText or UserStartedSpeaking or UserStoppedSpeaking or BotStartedSpeaking
            or BotStoppedSpeaking or BotInterrupted or UserMuteStarted or UserMuteStopped or Metrics or UiCommand or UiJobGroup => true,
        _ => false,
    };
}

/// <summary>Protocol version strings.</summary>
public static class RtviProtocolVersions
{
    /// <summary>The services/options/actions generation.</summary>
    public const string V0_3 = "0.3.0";
    /// <summary>The current generation this server speaks to 2.x clients.</summary>
    public const string V2_1 = "2.1.0";
}
