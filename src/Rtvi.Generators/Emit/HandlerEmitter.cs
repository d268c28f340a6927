using System.Collections.Generic;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Emit
{
    /// <summary>Writes one handler's binder: a private method of <c>Rtvi.RtviGeneratedHandlers</c> matching the registry delegate.</summary>
    internal static class HandlerEmitter
    {
        /// <summary>
        /// Whether the handler can be generated for this compilation: every complex type it uses must be described by the
        /// generator or covered by the bot's serializer context, else the generated code would not compile and hide the
        /// analyzer's explanation.
        /// </summary>
        public static bool CanEmit(HandlerModel handler, CompilationModel compilation) =>
            compilation.HasRuntime && compilation.Covers(handler);

        public static string Emit(HandlerModel handler, CompilationModel compilation)
        {
            var writer = new SourceWriter().OpenHandlersClass();
            switch (handler.Kind)
            {
                case HandlerKind.Option:
                    EmitOption(writer, handler, compilation);
                    break;
                case HandlerKind.Action:
                    EmitAction(writer, handler, compilation);
                    break;
                default:
                    EmitClientMessage(writer, handler, compilation);
                    break;
            }
            return writer.CloseHandlersClass().ToString();
        }

        private static void EmitOption(SourceWriter writer, HandlerModel handler, CompilationModel compilation)
        {
            writer.Line("// Option " + handler.Service + "." + handler.Name + " → " + handler.ContainingType + "." + handler.MethodName);
            writer.Line(Literals.GeneratedCode);
            writer.Open("private static global::Rtvi.RtviOptionApply " + handler.Identifier + "(" + Literals.JsonElement + " value)");
            for (var i = 0; i < handler.Parameters.Count; i++)
            {
                var parameter = handler.Parameters[i];
                if (parameter.Source == ParameterSource.Json)
                {
                    writer.Line(parameter.TypeName + " p" + i + " = " + ValueEmitter.Read(parameter.Value!, "value", parameter.WireName, compilation) + ";");
                }
            }
            var call = Call(handler, "context");
            switch (handler.ReturnShape)
            {
                case ReturnShape.Void:
                    writer.Open("return (context, cancellationToken) =>");
                    writer.Line(call + ";");
                    writer.Line("return default;");
                    writer.Close(";");
                    break;
                case ReturnShape.Task:
                    writer.Line("return (context, cancellationToken) => new global::System.Threading.Tasks.ValueTask(" + call + ");");
                    break;
                default:
                    writer.Line("return (context, cancellationToken) => " + call + ";");
                    break;
            }
            writer.Close();
        }

        private static void EmitAction(SourceWriter writer, HandlerModel handler, CompilationModel compilation)
        {
            writer.Line("// Action " + handler.Service + ":" + handler.Name + " → " + handler.ContainingType + "." + handler.MethodName);
            OpenInvoker(writer, handler, "global::Rtvi.RtviActionContext context, global::Rtvi.RtviArguments arguments");
            for (var i = 0; i < handler.Parameters.Count; i++)
            {
                var parameter = handler.Parameters[i];
                if (parameter.Source != ParameterSource.Json)
                {
                    continue;
                }
                var name = Literals.String(parameter.WireName);
                if (parameter.IsOptional)
                {
                    writer.Line(parameter.TypeName + " p" + i + " = arguments.TryGetValue(" + name + ", out var v" + i + ")");
                    writer.Line("    ? " + ValueEmitter.Read(parameter.Value!, "v" + i, parameter.WireName, compilation));
                    writer.Line("    : " + parameter.DefaultValue + ";");
                }
                else
                {
                    writer.Line(parameter.TypeName + " p" + i + " = " +
                        ValueEmitter.Read(parameter.Value!, Literals.Binder + ".Required(arguments, " + name + ")", parameter.WireName, compilation) + ";");
                }
            }
            EmitCallAndReturn(writer, handler, compilation, noValue: Literals.Result + ".FromBoolean(true)");
        }

        private static void EmitClientMessage(SourceWriter writer, HandlerModel handler, CompilationModel compilation)
        {
            writer.Line("// Client message " + Literals.String(handler.Name) + " → " + handler.ContainingType + "." + handler.MethodName);
            OpenInvoker(writer, handler, "global::Rtvi.RtviClientMessageContext context, " + Literals.JsonElement + " data");
            for (var i = 0; i < handler.Parameters.Count; i++)
            {
                var parameter = handler.Parameters[i];
                if (parameter.Source != ParameterSource.Json)
                {
                    continue;
                }
                var read = ValueEmitter.Read(parameter.Value!, "data", parameter.WireName, compilation);
                writer.Line(parameter.TypeName + " p" + i + " = data.ValueKind != global::System.Text.Json.JsonValueKind.Undefined");
                writer.Line("    ? " + read);
                writer.Line(parameter.IsOptional
                    ? "    : " + parameter.DefaultValue + ";"
                    : "    : throw new global::Rtvi.RtviBindingException(" + Literals.String("missing required argument '" + parameter.WireName + "'") + ");");
            }
            EmitCallAndReturn(writer, handler, compilation, noValue: Literals.Result + ".None");
        }

        private static bool IsAsync(HandlerModel handler) => handler.ReturnShape is not (ReturnShape.Void or ReturnShape.Value);

        private static void OpenInvoker(SourceWriter writer, HandlerModel handler, string parameters)
        {
            writer.Line(Literals.GeneratedCode);
            writer.Open("private static " + (IsAsync(handler) ? "async " : "") +
                "global::System.Threading.Tasks.ValueTask<" + Literals.Result + "> " + handler.Identifier + "(" + parameters + ", " +
                Literals.CancellationToken + " cancellationToken)");
        }

        private static void EmitCallAndReturn(SourceWriter writer, HandlerModel handler, CompilationModel compilation, string noValue)
        {
            var call = Call(handler, "context");
            var awaited = IsAsync(handler) ? "await " + call + ".ConfigureAwait(false)" : call;
            string result;
            if (handler.ReturnShape is ReturnShape.Void or ReturnShape.Task or ReturnShape.ValueTask)
            {
                writer.Line(awaited + ";");
                result = noValue;
            }
            else
            {
                writer.Line("var result = " + awaited + ";");
                result = handler.ResultIsRtviResult ? "result"
                    : handler.ResultIsArguments ? Literals.Result + ".FromArguments(result)"
                    : ValueEmitter.Write(handler.Result!, "result", compilation);
            }
            writer.Line(IsAsync(handler)
                ? "return " + result + ";"
                : "return new global::System.Threading.Tasks.ValueTask<" + Literals.Result + ">(" + result + ");");
            writer.Close();
        }

        /// <summary>The handler call: static, or on the instance from the session's services; injected arguments from <paramref name="context"/>.</summary>
        private static string Call(HandlerModel handler, string context)
        {
            var target = handler.IsStatic
                ? handler.ContainingType
                : Literals.ServiceProviderExtensions + ".GetRequiredService<" + handler.ContainingType + ">(" + context + ".Services)";
            var arguments = new List<string>(handler.Parameters.Count);
            for (var i = 0; i < handler.Parameters.Count; i++)
            {
                var parameter = handler.Parameters[i];
                arguments.Add(parameter.Source switch
                {
                    ParameterSource.Json => "p" + i,
                    ParameterSource.CancellationToken => "cancellationToken",
                    ParameterSource.Session => context + ".Session",
                    ParameterSource.Context => context,
                    ParameterSource.Arguments => "arguments",
                    _ => Literals.ServiceProviderExtensions + (parameter.IsNullableService ? ".GetService<" : ".GetRequiredService<") +
                        parameter.TypeName.TrimEnd('?') + ">(" + context + ".Services)",
                });
            }
            return target + "." + handler.MethodName + "(" + string.Join(", ", arguments) + ")";
        }
    }
}
