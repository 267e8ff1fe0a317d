'use strict';

const { PatrecWorkload } = require('./patrec-workload.cjs');

/** health:Ping, which reads and writes nothing: what ordering alone allows. */
class NoOp extends PatrecWorkload {
  async submitTransaction() {
    await this.send(this.patient, this.actors.transactions.noOp, []);
  }
}

module.exports.createWorkloadModule = () => new NoOp();
