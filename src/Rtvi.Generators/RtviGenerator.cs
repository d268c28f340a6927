using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Emit;
using Rtvi.Generators.Models;
using Rtvi.Generators.Parsing;

namespace Rtvi.Generators
{
    /// <summary>
    /// Turns [RtviService], [RtviOption], [RtviAction] and [RtviClientMessage] into one reflection-free binder file per
    /// handler, one registry file (<c>Rtvi.RtviGeneratedHandlers.Register</c> / <c>AddGeneratedHandlers</c>) and one file of
    /// System.Text.Json metadata for the handlers' complex types (<c>Rtvi.RtviGeneratedJson</c>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RtviGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var compilation = context.CompilationProvider
                .Select(CompilationParser.Parse)
                .WithTrackingName(TrackingNames.CompilationInfo);

            var services = context.SyntaxProvider
                .ForAttributeWithMetadataName(MetadataNames.RtviServiceAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    ServiceParser.Parse)
                .Where(static service => service is not null)
                .Select(static (service, _) => service!)
                .WithTrackingName(TrackingNames.Services);

            var options = Handlers(context, MetadataNames.RtviOptionAttribute, TrackingNames.Options);
            var actions = Handlers(context, MetadataNames.RtviActionAttribute, TrackingNames.Actions);
            var clientMessages = Handlers(context, MetadataNames.RtviClientMessageAttribute, TrackingNames.ClientMessages);

            RegisterHandlerSources(context, options, compilation, TrackingNames.OptionSources);
            RegisterHandlerSources(context, actions, compilation, TrackingNames.ActionSources);
            RegisterHandlerSources(context, clientMessages, compilation, TrackingNames.ClientMessageSources);

            var allHandlers = options.Collect()
                .Combine(actions.Collect())
                .Combine(clientMessages.Collect())
                .Select(static (input, _) => input.Left.Left.AddRange(input.Left.Right).AddRange(input.Right).ToEquatableArray())
                .WithTrackingName(TrackingNames.AllHandlers);

            var registry = allHandlers
                .Combine(services.Collect())
                .Combine(compilation)
                .Select(static (input, _) => RegistryEmitter.CreateModel(input.Left.Left, input.Left.Right, input.Right))
                .WithTrackingName(TrackingNames.Registry);

            context.RegisterSourceOutput(registry, static (output, model) =>
            {
                if (model.HasRuntime)
                {
                    output.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(model));
                }
            });

            var payloads = context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => PayloadParser.IsCandidate(node), PayloadParser.Parse)
                .Where(static payload => payload.Count > 0)
                .WithTrackingName(TrackingNames.Payloads);

            var resolver = allHandlers
                .Combine(payloads.Collect())
                .Combine(compilation)
                .Select(static (input, _) => JsonResolverEmitter.CreateModel(input.Left.Left, input.Left.Right, input.Right))
                .WithTrackingName(TrackingNames.JsonResolver);

            context.RegisterSourceOutput(resolver, static (output, model) =>
            {
                if (model.HasRuntime && model.Types.Count > 0)
                {
                    output.AddSource(JsonResolverEmitter.HintName, JsonResolverEmitter.Emit(model));
                }
            });
        }

        private static IncrementalValuesProvider<HandlerModel> Handlers(
            IncrementalGeneratorInitializationContext context, string attribute, string trackingName) =>
            context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    HandlerParser.Parse)
                .Where(static handler => handler is not null)
                .Select(static (handler, _) => handler!)
                .WithTrackingName(trackingName);

        private static void RegisterHandlerSources(IncrementalGeneratorInitializationContext context,
            IncrementalValuesProvider<HandlerModel> handlers, IncrementalValueProvider<CompilationModel> compilation, string trackingName)
        {
            var sources = handlers.Combine(compilation).WithTrackingName(trackingName);
            context.RegisterSourceOutput(sources, static (output, input) =>
            {
                if (HandlerEmitter.CanEmit(input.Left, input.Right))
                {
                    output.AddSource(input.Left.HintName, HandlerEmitter.Emit(input.Left, input.Right));
                }
            });
        }
    }
}
