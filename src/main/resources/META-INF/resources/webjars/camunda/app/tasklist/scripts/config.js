/*
 * Baton's Tasklist configuration: Camunda 7.24's own (the shortcuts), plus one script,
 * staff-actions.js, which shows "Start process" only to people who may start a process.
 * "Create task" is hidden by user-styles.css: Baton has no standalone tasks (they are disabled
 * in the engine, standalone-tasks-enabled: false), so the button could only fail.
 * Camunda reads this file in place of the webjar's scripts/config.js; on an upgrade, compare
 * it with the new webjar's copy.
 */
export default {
  customScripts: ['scripts/staff-actions'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
