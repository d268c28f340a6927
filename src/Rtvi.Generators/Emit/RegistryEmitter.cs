using System.Collections.Generic;
using System.Collections.Immutable;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;
using Rtvi.Generators.Parsing;

namespace Rtvi.Generators.Emit
{
    /// <summary>Builds and writes the slim registry file: <c>Register</c> and <c>AddGeneratedHandlers</c>.</summary>
    internal static class RegistryEmitter
    {
        public const string HintName = "Rtvi.RtviGeneratedHandlers.g.cs";

        /// <summary>Reduces handlers to what registration needs, in declaration order.</summary>
        public static RegistryModel CreateModel(
            EquatableArray<HandlerModel> handlers, ImmutableArray<ServiceModel> services, CompilationModel compilation)
        {
            var orderedServices = new List<ServiceModel>(services);
            orderedServices.Sort((x, y) => DeclarationOrderReader.Compare(x.Order, y.Order));
            var registrations = new List<RegistrationModel>(handlers.Count);
            var usesJson = false;
            var usesGeneratedJson = false;
            foreach (var handler in handlers)
            {
                if (!HandlerEmitter.CanEmit(handler, compilation))
                {
                    continue;
                }
                foreach (var key in handler.JsonTypes)
                {
                    usesJson = true;
                    usesGeneratedJson |= !compilation.CoversType(key);
                }
                var arguments = new List<ArgumentModel>();
                var wire = WireKind.Bool;
                foreach (var parameter in handler.Parameters)
                {
                    if (parameter.Source == ParameterSource.Json)
                    {
                        wire = parameter.Value!.Wire;
                        arguments.Add(new ArgumentModel(parameter.WireName, parameter.Value.Wire, parameter.IsOptional));
                    }
                }
                arguments.AddRange(handler.DeclaredArguments);
                if (handler.Kind != HandlerKind.Option)
                {
                    wire = handler.Result?.Wire ?? (handler.ResultIsRtviResult || handler.ResultIsArguments ? WireKind.Object : WireKind.Bool);
                }
                registrations.Add(new RegistrationModel(
                    handler.Kind, handler.Name, handler.Service, wire,
                    handler.Kind == HandlerKind.Action ? arguments.ToEquatableArray() : EquatableArray<ArgumentModel>.Empty,
                    handler.Identifier, handler.IsStatic ? null : handler.ContainingType, handler.Order, handler.IsConcurrent));
            }
            registrations.Sort((x, y) => DeclarationOrderReader.Compare(x.Order, y.Order));
            return new RegistryModel(compilation.HasRuntime, usesJson ? compilation.JsonContext : null, usesGeneratedJson,
                orderedServices.ToEquatableArray(), registrations.ToEquatableArray());
        }

        public static string Emit(RegistryModel model)
        {
            var writer = new SourceWriter().OpenHandlersClass();
            writer.Line("/// <summary>Adds every attributed service, option, action and client-message handler of this assembly, in declaration order.</summary>");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public static void Register(global::Rtvi.RtviRegistryBuilder registry)");
            foreach (var service in model.Services)
            {
                writer.Line("registry.AddService(" + Literals.String(service.Name) + ");");
            }
            // The bot's own context wins for the types it covers.
            if (model.JsonContext != null)
            {
                writer.Line("registry.AddJsonTypeInfoResolver(" + model.JsonContext + ".Default);");
            }
            if (model.HasGeneratedJson)
            {
                writer.Line("registry.AddJsonTypeInfoResolver(" + GeneratedNames.Json + ".Default);");
            }
            foreach (var kind in new[] { HandlerKind.Option, HandlerKind.Action, HandlerKind.ClientMessage })
            {
                foreach (var registration in model.Registrations)
                {
                    if (registration.Kind == kind)
                    {
                        EmitRegistration(writer, registration);
                    }
                }
            }
            writer.Close();
            writer.Line();
            writer.Line("/// <summary>Registers the handler classes (scoped: one instance per session) and adds the handlers to the registry.</summary>");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public static global::Rtvi.IRtviBuilder AddGeneratedHandlers(this global::Rtvi.IRtviBuilder builder)");
            var scoped = new HashSet<string>();
            foreach (var service in model.Services)
            {
                if (service.IsConstructible && scoped.Add(service.TypeName))
                {
                    EmitScoped(writer, service.TypeName);
                }
            }
            foreach (var registration in model.Registrations)
            {
                if (registration.ScopedType != null && scoped.Add(registration.ScopedType))
                {
                    EmitScoped(writer, registration.ScopedType);
                }
            }
            writer.Line("builder.ConfigureRegistry(Register);");
            writer.Line("return builder;");
            writer.Close();
            return writer.CloseHandlersClass().ToString();
        }

        private static void EmitScoped(SourceWriter writer, string type) =>
            writer.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddScoped<" +
                type + ">(builder.Services);");

        private static void EmitRegistration(SourceWriter writer, RegistrationModel registration)
        {
            var name = Literals.String(registration.Name);
            switch (registration.Kind)
            {
                case HandlerKind.Option:
                    writer.Line("registry.AddOption(" + Literals.String(registration.Service!) + ", " + name + ", " +
                        Literals.WireType(registration.Wire) + ", " + registration.Identifier + ");");
                    break;
                case HandlerKind.Action:
                    if (registration.Arguments.Count == 0)
                    {
                        writer.Line("registry.AddAction(" + Literals.String(registration.Service!) + ", " + name +
                            ", global::System.Array.Empty<global::Rtvi.RtviArgumentDescriptor>(), " + Literals.WireType(registration.Wire) + ", " +
                            registration.Identifier + ");");
                        break;
                    }
                    writer.Line("registry.AddAction(" + Literals.String(registration.Service!) + ", " + name + ",");
                    writer.Line("    new global::Rtvi.RtviArgumentDescriptor[]");
                    writer.Line("    {");
                    foreach (var argument in registration.Arguments)
                    {
                        writer.Line("        new global::Rtvi.RtviArgumentDescriptor(" + Literals.String(argument.Name) + ", " +
                            Literals.WireType(argument.Wire) + (argument.IsOptional ? ", IsOptional: true" : "") + "),");
                    }
                    writer.Line("    },");
                    writer.Line("    " + Literals.WireType(registration.Wire) + ", " + registration.Identifier + ");");
                    break;
                default:
                    writer.Line("registry.AddClientMessage(" + name + ", " + registration.Identifier +
                        (registration.IsConcurrent ? ", concurrent: true" : "") + ");");
                    break;
            }
        }
    }
}
