@echo off
rem relay-agent launcher for Windows: runs the agent's jar with the JVM options the agent is
rem measured with. The jar is looked for in ..\lib (a distribution) and ..\app\target (a build).
rem JAVA_HOME selects the Java runtime (17 or later); the JVM options are jvm.options beside this
rem file (a java @argument file, which the Windows service reads too); RELAY_AGENT_JAVA_OPTS
rem replaces them.
setlocal
set "ROOT=%~dp0.."
set "JAR="
if exist "%ROOT%\lib\relay-agent.jar" set "JAR=%ROOT%\lib\relay-agent.jar"
if not defined JAR if exist "%ROOT%\app\target\relay-agent.jar" set "JAR=%ROOT%\app\target\relay-agent.jar"
if not defined JAR (
  echo relay-agent: cannot find relay-agent.jar under %ROOT%; build it with: mvnw.cmd -DskipTests package 1>&2
  exit /b 2
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "OPTS=%RELAY_AGENT_JAVA_OPTS%"
if not defined OPTS set "OPTS=@"%~dp0jvm.options""
"%JAVA%" %OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
